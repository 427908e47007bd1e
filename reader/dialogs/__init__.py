"""Every dialog the reader shows goes through reader.dialogs.messages."""
