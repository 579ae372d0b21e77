"""The desktop front end: the ONLY package that imports PySide6.

app.py starts Qt; main_window.py is the shell (menus, navigation, status bar); views/ are the
screens, dialogs/ the forms, models/ the table models over the services; tasks.py runs long work
off the GUI thread; errors.py is the one place that shows errors.
"""
