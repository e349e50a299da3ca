"""What is built and from which tree: git state, the clean-tree rule for committed results, Release builds."""

import datetime
import os
import shutil
import subprocess
import sys

from common import BENCH, REPO, TMP, die, log, output, run


def git(*args):
    try:
        return output(["git", "-C", REPO] + list(args)).strip()
    except (subprocess.CalledProcessError, FileNotFoundError):
        return ""


def uncommitted_changes():
    """The lines of `git status --porcelain` for the whole repository, bench/results/tmp (this script's scratch space)
    excluded; [] for a clean tree. Outside a git work tree the code has no commit to be named by: one line says so."""
    result = subprocess.run(["git", "-C", REPO, "status", "--porcelain", "--", ".", ":(exclude)bench/results/tmp"],
                            text=True, capture_output=True)
    if result.returncode != 0:
        return ["(no git status: %s)" % (result.stderr.strip() or "git failed")]
    return [line for line in result.stdout.splitlines() if line.strip()]


def describe_changes(changes):
    shown = ", ".join(line[3:] for line in changes[:3]) + (", ..." if len(changes) > 3 else "")
    return "%d uncommitted path%s (%s)" % (len(changes), "" if len(changes) == 1 else "s", shown)


def source_tree(args, changes):
    """The tree to build: the working tree, or (--head, --commit REV) a commit with the working tree's bench/ on top.
    `changes` is uncommitted_changes() at the start of the run: a working-tree build with changes is named `-dirty`."""
    rev = args.commit or "HEAD"
    commit = git("rev-parse", "--short=10", rev)
    if args.commit and not commit:
        die("unknown commit " + args.commit)
    commit = commit or "nogit"
    if not args.head and not args.commit:
        if changes:
            return REPO, commit + "-dirty", "working tree with %s" % describe_changes(changes)
        return REPO, commit, "working tree (clean)"
    root = os.path.join(TMP, "head-" + commit)
    if not os.path.isdir(os.path.join(root, "src")):
        log("exporting %s (%s) to %s" % (rev, commit, root))
        os.makedirs(root, exist_ok=True)
        archive = subprocess.Popen(["git", "-C", REPO, "archive", commit], stdout=subprocess.PIPE)
        run(["tar", "-x", "-C", root], stdin=archive.stdout)
        if archive.wait() != 0:
            die("git archive failed")
    for name in ("Kavach.Bench.Seed", "Kavach.Bench.Micro", "Kavach.Bench.Load"):
        target = os.path.join(root, "bench", name)
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(os.path.join(BENCH, name), target, ignore=shutil.ignore_patterns("bin", "obj"))
    harness = "harness from the working tree" + (" (%s)" % describe_changes(changes) if changes else "")
    return root, commit, "commit %s (git archive), %s" % (commit, harness)


def build(root, project, artifacts, assembly=None):
    """Builds a project (Release) into the run's artifacts; returns its DLL (named after the project unless the project
    sets another assembly name, e.g. the CLI's kavach.dll)."""
    log("building %s (Release)" % project)
    result = subprocess.run(["dotnet", "build", "-c", "Release", os.path.join(root, project), "--artifacts-path", artifacts,
                             "-nologo", "-v", "q"], text=True, capture_output=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-6000:] + result.stderr[-2000:])
        die("build of %s failed (other work in progress in src/? try --head to build the last commit)" % project)
    name = os.path.splitext(os.path.basename(project))[0]
    dll = os.path.join(artifacts, "bin", name, "release", (assembly or name) + ".dll")
    if not os.path.isfile(dll):
        die("build produced no " + dll)
    return dll


def start_scenario(args, name):
    """The common start of a scenario's run: its work directory under bench/results/tmp, the uncommitted changes (the
    result then goes to tmp/), the source tree to build (a clean checkout with --head or --commit) and where its
    builds go. Returns (started, work, changes, root, commit, source, artifacts)."""
    started = datetime.datetime.now()
    work = os.path.join(TMP, name + "-" + started.strftime("%Y%m%d-%H%M%S"))
    os.makedirs(work, exist_ok=True)
    changes = uncommitted_changes()
    if changes and not (args.quick or args.no_save):
        log("the working tree has %s: the result goes to bench/results/tmp/" % describe_changes(changes))
    root, commit, source = source_tree(args, changes)
    artifacts = os.path.join(TMP, "build-" + name + "-" + ("head-" + commit if (args.head or args.commit) else "worktree"))
    return started, work, changes, root, commit, source, artifacts
