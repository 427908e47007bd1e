"""Allow ``python -m reader``."""

import sys

from reader.app import main

if __name__ == "__main__":
    sys.exit(main())
