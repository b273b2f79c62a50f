"""python3 -m nucleate.report OUTDIR: the report of a `nucleate run` output directory."""

import os
import sys

from . import FIGURES, build

# The exit code `nucleate run` takes for "the report failed and replaced
# nothing" (an error); 1, Python's own for an exception such as a missing
# numpy or matplotlib on import, means the report cannot run here (a warning).
FAILED = 4


def main(argv):
    if len(argv) != 2 or argv[1] in ("-h", "--help"):
        print("usage: python3 -m nucleate.report OUTDIR (figures and report.html of a `nucleate run` OUTDIR)", file=sys.stderr if len(argv) != 2 else sys.stdout)
        return 2 if len(argv) != 2 else 0
    outdir = argv[1]
    if not os.path.isdir(outdir):
        print(f"nucleate report: {outdir}: not a directory", file=sys.stderr)
        return 1
    try:
        results, failed = build(outdir)
    except Exception as e:  # e.g. OUTDIR or its figures/ not writable
        print(f"nucleate report: {type(e).__name__}: {e}; report.html not written", file=sys.stderr)
        return FAILED
    drawn = [n for n, (c, _) in results.items() if c is not None]
    for name, (_, note) in results.items():
        if note:
            print(f"  {name}: {note}", file=sys.stderr)
    if failed:
        print(f"nucleate report: {failed} of {len(FIGURES)} figures could not be drawn; "
              f"{os.path.join(outdir, 'report.html')} not written", file=sys.stderr)
        return FAILED
    print(f"nucleate report: {len(drawn)} of {len(FIGURES)} figures -> {os.path.join(outdir, 'report.html')}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
