"""The top layer: the command line and the web app that mounts the UI on the API."""
