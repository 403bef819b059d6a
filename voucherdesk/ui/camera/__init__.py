"""The camera part: frames from QtMultimedia, read off the GUI thread, and a small preview."""
