"""The BenchmarkDotNet micro-benchmarks (bench/Kavach.Bench.Micro), their GitHub-markdown tables for the report."""

import os
import re
import subprocess

from common import log


def micro(args, micro_dll, run_dir):
    artifacts = os.path.join(run_dir, "micro")
    cmd = ["dotnet", micro_dll, "--artifacts", artifacts, "--filter", args.micro_filter]
    if args.quick:
        cmd.insert(2, "--quick")
    log("micro-benchmarks: " + " ".join(cmd[2:]))
    with open(os.path.join(run_dir, "micro.log"), "w") as f:
        subprocess.run(cmd, cwd=run_dir, stdout=f, stderr=subprocess.STDOUT, check=True)
    tables = []
    results_dir = os.path.join(artifacts, "results")
    for name in sorted(os.listdir(results_dir)) if os.path.isdir(results_dir) else []:
        if name.endswith("-report-github.md"):
            with open(os.path.join(results_dir, name)) as f:
                text = f.read()
            text = re.sub(r"\*\*", "", text)  # BenchmarkDotNet bolds the first row of each parameter group
            title = name.replace("Kavach.Bench.Micro.", "").replace("-report-github.md", "")
            tables.append("#### %s\n\n%s" % (title, text.strip()))
    return "\n\n".join(tables)
