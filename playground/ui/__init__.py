"""The Qt side: the window, the worker controller, themes, export and one thin view per lab."""
