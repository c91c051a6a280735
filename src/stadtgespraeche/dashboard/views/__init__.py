"""Organiser backend views, one module per area."""
