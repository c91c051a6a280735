class PracticeError(Exception):
    """A refused change to a practice; the message is shown to the person."""
