"""Qt-free core: the book, its validation and rendering, and settings."""
