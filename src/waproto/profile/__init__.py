"""Profile pictures, about text, blocklist, privacy settings and calls.

``stanzas`` builds and reads the iqs and call stanzas (sans-I/O); ``service``
turns call offers into events.
"""
