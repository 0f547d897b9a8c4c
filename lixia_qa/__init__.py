"""lixia-qa: cited question answering over folders of Chinese government documents."""

import os

# On small machines torch's OpenMP threads spin while idle and slow every query
# (468 ms instead of 16 ms per sentence-transformers query on 2 cores). This must be
# set before torch loads, and everything imports this package first.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

__version__ = "0.1.0"
