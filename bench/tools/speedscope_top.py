#!/usr/bin/env python3
"""Top frames of a dotnet-trace CPU profile converted to speedscope JSON (dotnet-trace convert --format speedscope).

    bench/tools/speedscope_top.py trace.speedscope.json [--match Kavach.] [--top 40]

Prints, per thread-merged profile, the frames with the most inclusive time (a frame counted once per sample even when
recursive) and the most self time. Native time spent under a P/Invoke (OpenSSL, SQLite) is charged to the managed frame
that called it, so "inclusive" answers "which step of the request costs what".
"""
import argparse
import collections
import json
import re


def main():
    p = argparse.ArgumentParser()
    p.add_argument("file")
    p.add_argument("--match", default="", help="only list frames whose name contains this text (inclusive list)")
    p.add_argument("--top", type=int, default=40)
    args = p.parse_args()
    with open(args.file) as f:
        doc = json.load(f)
    frames = [fr["name"] for fr in doc["shared"]["frames"]]
    inclusive = collections.Counter()
    self_time = collections.Counter()
    total = 0.0
    for profile in doc["profiles"]:
        if profile.get("type") == "sampled":
            for stack, weight in zip(profile["samples"], profile["weights"]):
                total += weight
                for index in set(stack):
                    inclusive[index] += weight
                if stack:
                    self_time[stack[-1]] += weight
        else:  # evented: open/close events
            open_at = {}
            stack = []
            last = None
            for event in profile["events"]:
                at = event["at"]
                if last is not None and stack:
                    span = at - last
                    total += span
                    for index in set(stack):
                        inclusive[index] += span
                    self_time[stack[-1]] += span
                last = at
                if event["type"] == "O":
                    stack.append(event["frame"])
                    open_at[event["frame"]] = at
                else:
                    if stack and stack[-1] == event["frame"]:
                        stack.pop()
                    elif event["frame"] in stack:
                        stack.remove(event["frame"])
    if not total:
        print("no samples")
        return

    def short(name):
        name = re.sub(r"\(.*\)", "()", name)
        return name[:170]

    print("total: %.0f ms of samples" % total)
    print("\ninclusive%s:" % (" (matching %r)" % args.match if args.match else ""))
    shown = 0
    for index, weight in inclusive.most_common():
        if args.match and args.match not in frames[index]:
            continue
        print("  %5.1f%%  %s" % (100 * weight / total, short(frames[index])))
        shown += 1
        if shown >= args.top:
            break
    print("\nself:")
    for index, weight in self_time.most_common(args.top):
        print("  %5.1f%%  %s" % (100 * weight / total, short(frames[index])))


if __name__ == "__main__":
    main()
