"""Browser tests of the netmap app in headless Chromium against a real `netmap serve`."""
