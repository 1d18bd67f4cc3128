"""Print how the tool's statuses compare with the hand labels: agreement, over-credit, each disagreement.

Usage: python tests/labelled/agreement.py [STAGE ...]   (from the repository root, in the project's venv)
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from test_labelled import RANK, STAGES, compare


def main(stages: list[str]) -> None:
    for stage in stages:
        labels, statuses = compare(stage)
        agree = sum(1 for ref, label in labels.items() if statuses[ref] == label["status"])
        over = [ref for ref, label in labels.items() if RANK[statuses[ref]] > RANK[label["status"]]]
        print(f"{stage}: {agree}/{len(labels)} agree ({100 * agree / len(labels):.1f} %), "
              f"{len(over)} over-credited, {len(labels) - agree - len(over)} under-credited")
        print("  labels:", dict(Counter(label["status"] for label in labels.values())))
        print("  tool:  ", dict(Counter(statuses.values())))
        for ref, label in labels.items():
            if statuses[ref] != label["status"]:
                direction = "OVER " if ref in over else "under"
                print(f"  {direction} {ref}: tool {statuses[ref]}, label {label['status']}: {label['reason']}")


if __name__ == "__main__":
    main(sys.argv[1:] or list(STAGES))
