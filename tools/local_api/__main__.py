import sys

from tools.local_api.server import main

sys.exit(main())
