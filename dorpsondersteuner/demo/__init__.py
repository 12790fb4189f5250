"""The demo register: a fictional municipality modelled on Gemert-Bakel (D1)."""
