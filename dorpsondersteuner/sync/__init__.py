"""Sync: the wire protocol, the client and the merge rules (ARCHITECTURE "Sync")."""

PROTOCOL_VERSION = 1
