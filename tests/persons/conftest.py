import sys
from pathlib import Path

# helpers shared by these tests (_lists.py) import by plain name
sys.path.insert(0, str(Path(__file__).parent))
