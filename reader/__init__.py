"""Reader: an accessible, offline book reader for children and young people."""

__version__ = "0.1.0"

APP_NAME = "Reader"
APP_ID = "uk.org.reader.Reader"
ORG_NAME = "Reader"
