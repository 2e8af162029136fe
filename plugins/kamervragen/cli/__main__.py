"""`python -m kamervragen.cli`: the same command, its exit code the process's."""

import sys

from kamervragen.cli.parser import main

sys.exit(main())
