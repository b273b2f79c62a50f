"""python3 -m nucleate.report OUTDIR: the report of a `nucleate run` output directory."""

import os
import sys

from . import FIGURES, build


def main(argv):
    if len(argv) != 2 or argv[1] in ("-h", "--help"):
        print("usage: python3 -m nucleate.report OUTDIR (figures and report.html of a `nucleate run` OUTDIR)", file=sys.stderr if len(argv) != 2 else sys.stdout)
        return 2 if len(argv) != 2 else 0
    outdir = argv[1]
    if not os.path.isdir(outdir):
        print(f"nucleate report: {outdir}: not a directory", file=sys.stderr)
        return 1
    results, failed = build(outdir)
    drawn = [n for n, (c, _) in results.items() if c is not None]
    print(f"nucleate report: {len(drawn)} of {len(FIGURES)} figures -> {os.path.join(outdir, 'report.html')}",
          file=sys.stderr)
    for name, (_, note) in results.items():
        if note:
            print(f"  {name}: {note}", file=sys.stderr)
    return 1 if failed else 0




if __name__ == "__main__":
    sys.exit(main(sys.argv))
