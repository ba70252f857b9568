import sys

from sam_local_api.cli import main

sys.exit(main())
