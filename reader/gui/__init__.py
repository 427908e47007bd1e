"""Qt widgets: the main window (the switchboard) and the screens it shows."""
