#!/usr/bin/env python3
"""Checks deploy/kubernetes/*.yaml and derives from them the pod that `podman kube play` runs here.

  kube.py check                       # parse every manifest and cross-check them; prints one line per check group
  kube.py podman-pod SETTINGS.json    # the pod file for podman, on stdout (settings: see derive_pod)

Needs python3-yaml (Debian). The production manifests stay the real thing; the pod file is derived from them, so a
change there (an env var, an argument, a mount) reaches the test.
"""
import glob
import json
import os
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
SERVICES = {"kavach-keymanager": 8443, "kavach-gateway": 8443, "kavach-device-server": 8444}
PUBLIC = {"kavach-gateway", "kavach-device-server"}


def load():
    docs = []
    for path in sorted(glob.glob(os.path.join(HERE, "*.yaml"))):
        with open(path, encoding="utf-8") as f:
            for doc in yaml.safe_load_all(f):
                if doc is not None:
                    docs.append(doc)
    return docs


def by_kind(docs, kind):
    return {d["metadata"]["name"]: d for d in docs if d["kind"] == kind}


class Checks:
    def __init__(self):
        self.failures = []
        self.count = 0

    def that(self, condition, message):
        self.count += 1
        if not condition:
            self.failures.append(message)


def check(docs):
    c = Checks()
    for d in docs:
        c.that({"apiVersion", "kind", "metadata"} <= d.keys(), f"{d.get('kind')}: apiVersion, kind and metadata")
        c.that(d["metadata"].get("namespace", "kavach") == "kavach" or d["kind"] == "Namespace", f"{d['metadata']['name']}: namespace kavach")
    deployments = by_kind(docs, "Deployment")
    config_maps = by_kind(docs, "ConfigMap")
    services = by_kind(docs, "Service")
    claims = by_kind(docs, "PersistentVolumeClaim")
    c.that(set(deployments) == set(SERVICES), f"Deployments are {sorted(SERVICES)}: {sorted(deployments)}")
    c.that(deployments.get("kavach-keymanager", {}).get("spec", {}).get("replicas") == 2, "the key manager runs 2 replicas")
    for name, port in SERVICES.items():
        dep = deployments.get(name)
        if dep is None:
            continue
        spec = dep["spec"]
        pod = spec["template"]["spec"]
        c.that(spec["selector"]["matchLabels"].items() <= spec["template"]["metadata"]["labels"].items(), f"{name}: selector matches the template")
        c.that(pod["securityContext"].get("runAsNonRoot") is True, f"{name}: runAsNonRoot")
        ann = spec["template"]["metadata"].get("annotations", {})
        c.that(ann.get("prometheus.io/scrape") == "true" and ann.get("prometheus.io/path") == "/metrics" and ann.get("prometheus.io/port") == str(port), f"{name}: scrape annotations")
        volumes = {v["name"]: v for v in pod.get("volumes", [])}
        for ctr in pod["containers"]:
            c.that(ctr["image"].startswith("localhost/kavach/"), f"{name}: image from kavach/")
            ports = {p["name"]: p["containerPort"] for p in ctr["ports"]}
            c.that(ports == {"https": port}, f"{name}: one port, https {port}: {ports}")
            c.that(any(f"https://0.0.0.0:{port}" in a for a in ctr.get("args", [])), f"{name}: listens on {port}")
            c.that(ctr["livenessProbe"]["httpGet"]["path"] == "/health/live", f"{name}: liveness on /health/live")
            c.that(ctr["readinessProbe"]["httpGet"]["path"] == "/health/ready", f"{name}: readiness on /health/ready")
            for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
                get = ctr[probe]["httpGet"]
                c.that(get["port"] in ports and get["scheme"] == "HTTPS", f"{name}: {probe} on the https port")
            res = ctr["resources"]
            c.that({"cpu", "memory"} <= res["requests"].keys() and {"cpu", "memory"} <= res["limits"].keys(), f"{name}: requests and limits")
            sec = ctr["securityContext"]
            c.that(sec["readOnlyRootFilesystem"] is True and sec["allowPrivilegeEscalation"] is False and sec["capabilities"]["drop"] == ["ALL"], f"{name}: locked-down container")
            for mount in ctr["volumeMounts"]:
                c.that(mount["name"] in volumes, f"{name}: volume {mount['name']} defined")
            c.that({m["mountPath"] for m in ctr["volumeMounts"]} >= {"/data", "/tmp", "/run/secrets/kavach-hsm"}, f"{name}: /data, /tmp and the PIN mounted")
            env = {e["name"]: e for e in ctr["env"]}
            c.that(env["Kavach__Vault__Pkcs11__Library"]["valueFrom"]["secretKeyRef"]["name"] == "kavach-hsm", f"{name}: PKCS#11 module from the kavach-hsm Secret")
            c.that(env["Kavach__Database__ConnectionString"]["valueFrom"]["secretKeyRef"]["name"] == "kavach-db", f"{name}: connection string from the kavach-db Secret")
            for ref in ctr.get("envFrom", []):
                c.that(ref["configMapRef"]["name"] in config_maps, f"{name}: ConfigMap {ref['configMapRef']['name']} defined")
        pin = volumes["hsm-pin"]["secret"]
        c.that(pin["secretName"] == "kavach-hsm" and pin["defaultMode"] == 0o400, f"{name}: PIN file 0400 from kavach-hsm")
        for v in volumes.values():
            if "persistentVolumeClaim" in v:
                c.that(v["persistentVolumeClaim"]["claimName"] in claims, f"{name}: claim {v['persistentVolumeClaim']['claimName']} defined")
            if "configMap" in v:
                c.that(v["configMap"]["name"] in config_maps, f"{name}: ConfigMap {v['configMap']['name']} defined")
        svc = services.get(name)
        c.that(svc is not None and svc["spec"]["selector"] == spec["selector"]["matchLabels"], f"{name}: a Service selecting it")
        if svc is not None:
            c.that(all(p["targetPort"] in ("https", port) for p in svc["spec"]["ports"]), f"{name}: Service targets the https port")
            c.that((svc["spec"].get("type") == "LoadBalancer") == (name in PUBLIC), f"{name}: exposed outside the cluster only if public")
    policies = by_kind(docs, "NetworkPolicy")
    deny = policies.get("default-deny-ingress", {}).get("spec", {})
    c.that(deny.get("podSelector") == {} and deny.get("policyTypes") == ["Ingress"] and "ingress" not in deny, "default deny of ingress")
    open_to_all = set()
    for pol in policies.values():
        for rule in pol["spec"].get("ingress", []):
            if "from" not in rule:
                sel = pol["spec"]["podSelector"]
                names = set(sel.get("matchLabels", {}).values())
                for expr in sel.get("matchExpressions", []):
                    names |= set(expr["values"])
                open_to_all |= {(n, p["port"]) for n in names for p in rule["ports"]}
    exposed = {n for n, _ in open_to_all}
    c.that(exposed == PUBLIC, f"only the gateway and the device server are open to all: {sorted(exposed)}")
    c.that({p for _, p in open_to_all} == {SERVICES[n] for n in PUBLIC}, "only their https ports are open to all")
    if c.failures:
        for f in c.failures:
            print(f"kube.py: FAILED: {f}", file=sys.stderr)
        sys.exit(1)
    print(f"kube.py: {len(docs)} manifests, {c.count} checks passed")


def resolve_env(ctr, config_maps, secrets):
    env = []
    for ref in ctr.get("envFrom", []):
        env += [{"name": k, "value": v} for k, v in config_maps[ref["configMapRef"]["name"]]["data"].items()]
    for e in ctr.get("env", []):
        ref = e.get("valueFrom", {}).get("secretKeyRef")
        env.append({"name": e["name"], "value": secrets[ref["name"]][ref["key"]]} if ref else e)
    return env


def derive_pod(docs, s):
    """One pod, host network, for `podman kube play` here.

    s: {"tag", "name", "ports": {"keymanager-0", "keymanager-1", "gateway", "device-server", "postgres",
    "keymanager-0-health", ...}, "secrets": {secret: {key: value}}, "dirs": {"pgdata", "pg-secret", "hsm-pin", "tokens",
    "softhsm-conf", "data-<container>", "tmp-<container>"}, "env": {container: {name: value}}}. What changes and why is in docs/deployment.md.
    """
    deployments = by_kind(docs, "Deployment")
    config_maps = by_kind(docs, "ConfigMap")
    statefulset = by_kind(docs, "StatefulSet")["kavach-postgres"]
    ports = s["ports"]
    containers = []
    volumes = {}

    def host_dir(name, path):
        volumes[name] = {"name": name, "hostPath": {"path": path, "type": "Directory"}}

    def adapt(ctr, name, port_of, health_port, mounts):
        ctr = dict(ctr)
        ctr["name"] = name
        ctr["image"] = ctr["image"].replace(":latest", ":" + s["tag"])
        extra = s.get("env", {}).get(name, {})
        ctr["env"] = [e for e in resolve_env(ctr, config_maps, s["secrets"]) if e["name"] not in extra] + [{"name": k, "value": v} for k, v in extra.items()]
        ctr.pop("envFrom", None)
        for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
            ctr.pop(probe, None)
        ctr.pop("resources", None)
        if "args" in ctr:
            ctr["args"] = [fix_health(a.replace(f"0.0.0.0:{port_of}", f"0.0.0.0:{ports[name]}"), health_port) for a in ctr["args"]]
        # On the host network podman 4.3 refuses any port declaration ("PortMappings can only be used with Bridge").
        ctr.pop("ports", None)
        ctr["volumeMounts"] = mounts
        return ctr

    def fix_health(arg, health_port):
        if "127.0.0.1:" not in arg:
            return arg
        head, _, tail = arg.rpartition("127.0.0.1:")
        return f"{head}127.0.0.1:{health_port}"

    pg = dict(statefulset["spec"]["template"]["spec"]["containers"][0])
    pg["name"] = "postgres"
    pg["image"] = pg["image"].replace(":latest", ":" + s["tag"])
    pg["env"] = pg["env"] + [{"name": "PGPORT", "value": str(ports["postgres"])}, {"name": "POSTGRES_LISTEN", "value": "127.0.0.1"}]
    for probe in ("livenessProbe", "readinessProbe", "resources"):
        pg.pop(probe, None)
    pg.pop("ports", None)
    pg["volumeMounts"] = [{"name": "pgdata", "mountPath": "/var/lib/postgresql/data"},
                          {"name": "pg-secret", "mountPath": "/run/secrets/kavach-postgres", "readOnly": True},
                          {"name": "tmp-postgres", "mountPath": "/tmp"}]
    host_dir("tmp-postgres", s["dirs"]["tmp-postgres"])
    host_dir("pgdata", s["dirs"]["pgdata"])
    host_dir("pg-secret", s["dirs"]["pg-secret"])
    containers.append(pg)

    shared = [{"name": "hsm-pin", "mountPath": "/run/secrets/kavach-hsm", "readOnly": True},
              {"name": "softhsm-conf", "mountPath": "/etc/softhsm", "readOnly": True},
              {"name": "hsm-tokens", "mountPath": "/var/lib/softhsm/tokens"}]
    host_dir("hsm-pin", s["dirs"]["hsm-pin"])
    host_dir("softhsm-conf", s["dirs"]["softhsm-conf"])
    host_dir("hsm-tokens", s["dirs"]["tokens"])
    # The Deployment's replicas become containers of the one pod: podman kube play makes one pod per Deployment.
    replicas = ["keymanager-%d" % i for i in range(deployments["kavach-keymanager"]["spec"]["replicas"])]
    plan = [(r, "kavach-keymanager", 8443) for r in replicas] + [("gateway", "kavach-gateway", 8443), ("device-server", "kavach-device-server", 8444)]
    for name, deployment, port in plan:
        ctr = deployments[deployment]["spec"]["template"]["spec"]["containers"][0]
        host_dir("data-" + name, s["dirs"]["data-" + name])
        host_dir("tmp-" + name, s["dirs"]["tmp-" + name])
        mounts = [{"name": "data-" + name, "mountPath": "/data"}, {"name": "tmp-" + name, "mountPath": "/tmp"}] + shared
        containers.append(adapt(ctr, name, port, ports[name + "-health"], mounts))

    sec = deployments["kavach-keymanager"]["spec"]["template"]["spec"]["securityContext"]
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": s["name"], "labels": {"app.kubernetes.io/part-of": "kavach"}},
        "spec": {
            "hostNetwork": True,
            "restartPolicy": "Never",
            "securityContext": {k: v for k, v in sec.items() if k in ("runAsNonRoot",)},
            "containers": containers,
            "volumes": list(volumes.values()),
        },
    }


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "check":
        check(load())
    elif len(sys.argv) == 3 and sys.argv[1] == "podman-pod":
        with open(sys.argv[2], encoding="utf-8") as f:
            settings = json.load(f)
        yaml.safe_dump(derive_pod(load(), settings), sys.stdout, sort_keys=False)
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
