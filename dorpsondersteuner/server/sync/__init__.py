"""Sync on the server: the change log, push and pull (ARCHITECTURE "Sync")."""
