"""Operating-system integration behind small interfaces: paths, secrets, notifications."""
