"""Views of the organiser backend, one module per area."""
