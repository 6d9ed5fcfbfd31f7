#!/usr/bin/env python3
"""Checks the deployment files against the `chromofarm serve` configuration contract.

  deploy/check-settings.py compose docker-compose.yml
  deploy/check-settings.py chart rendered.yaml [rendered.yaml...]   (output of helm template / chart-render)

A misspelt CHROMOFARM_* variable is silently ignored by .NET configuration, and a grace period shorter than
the shutdown timeout cuts batches: neither shows up until production, so they are checked here.
Needs PyYAML (it comes with yamllint). Exit 1 with one line per problem.
"""
import re
import sys

import yaml

# The settings of `chromofarm serve` (CHROMOFARM_ + section__key), and which roles must be given which.
KNOWN = {
    "RABBITMQ__URL", "RABBITMQ__PREFETCH", "RABBITMQ__CONSUMERTIMEOUT", "RABBITMQ__DELIVERYLIMIT", "RABBITMQ__RETRYLIMIT",
    "OBJECTSTORE__SERVICEURL", "OBJECTSTORE__BUCKET", "OBJECTSTORE__ACCESSKEY", "OBJECTSTORE__SECRETKEY",
    "RESULTS__CONNECTIONSTRING", "RESULTS__MIGRATEATSTART",
    "WORKER__MODEL", "WORKER__DEVICE", "WORKER__CELLSPERBATCH", "WORKER__BATCHTIMELIMIT", "WORKER__FORWARDBATCHSIZE",
    "WORKER__SEGMENTER", "WORKER__SEGMENTERMODEL",
    "SCREENING__MINOBJECTS", "SCREENING__MAXOBJECTS", "SCREENING__MAXROUGHNESS", "SCREENING__KARYOGRAMUPRIGHTSHARE",
    "SCREENING__METAPHASEGAP", "SCREENING__OTHERMETAPHASEOBJECTS", "SCREENING__MINKARYOTYPEFIT", "SCREENING__REFUSESTAINMISMATCH",
    "COORDINATOR__QUEUEDTIMEOUT", "COORDINATOR__RESENDS", "COORDINATOR__SWEEPINTERVAL", "COORDINATOR__BATCHSIZE",
    "HTTP__PORT", "HTTP__MAXUPLOADBYTES", "HTTP__MAXJSONBYTES", "HTTP__REQUESTSPERSECOND", "HTTP__REQUESTBURST",
    "RABBITMQ__CACERTIFICATE", "OBJECTSTORE__CACERTIFICATE", "PRIVACY__PSEUDONYMKEY",
    "TELEMETRY__OTLPENDPOINT", "TELEMETRY__OTLPPROTOCOL", "TELEMETRY__SPANDIRECTORY", "TELEMETRY__SERVICENAME",
    "HOST__SHUTDOWNTIMEOUT",
    "AUTH__JWT__AUTHORITY", "AUTH__JWT__AUDIENCE", "AUTH__JWT__ROLECLAIM", "AUTH__JWT__NAMECLAIM",
    "AUTH__JWT__REQUIREHTTPSMETADATA", "AUTH__SESSIONLIFETIME", "AUTH__DATAPROTECTIONKEYS",
    # Bound from the same option classes though not in the contract's table: S3StoreOptions.Region/Prefix
    # (AWS S3 needs the region) and WorkerOptions.MaxImagePixels.
    "OBJECTSTORE__REGION", "OBJECTSTORE__PREFIX", "WORKER__MAXIMAGEPIXELS",
}
OBJECT_STORE = {"OBJECTSTORE__SERVICEURL", "OBJECTSTORE__ACCESSKEY", "OBJECTSTORE__SECRETKEY"}
REQUIRED = {
    "ingest": {"RABBITMQ__URL", "RESULTS__CONNECTIONSTRING"} | OBJECT_STORE,
    "api": {"RABBITMQ__URL", "RESULTS__CONNECTIONSTRING"} | OBJECT_STORE,
    "worker": {"RABBITMQ__URL"} | OBJECT_STORE,
    "coordinator": {"RABBITMQ__URL", "RESULTS__CONNECTIONSTRING"},
}
DEFAULT_SHUTDOWN = 60.0
DEFAULT_PORT = "8080"
WORKER_QUEUE = "analyze-cell"

problems = []


def problem(where, message):
    problems.append(f"{where}: {message}")


def timespan_seconds(text):
    """A .NET TimeSpan as the settings write it: [d.]hh:mm:ss[.fff]."""
    m = re.fullmatch(r"(?:(\d+)\.)?(\d+):(\d+):(\d+(?:\.\d+)?)", str(text).strip())
    if not m:
        return None
    days, hours, minutes, seconds = m.groups()
    return int(days or 0) * 86400 + int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def compose_duration_seconds(text):
    """A compose duration: 90s, 1m30s, 1h."""
    parts = re.findall(r"(\d+(?:\.\d+)?)(h|ms|m|s|us)", str(text))
    if not parts or "".join(n + u for n, u in parts) != str(text):
        return None
    scale = {"h": 3600, "m": 60, "s": 1, "ms": 0.001, "us": 0.000001}
    return sum(float(n) * scale[u] for n, u in parts)


def check_settings(where, role, settings):
    """settings: {NAME without CHROMOFARM_: value or None when it comes from a Secret}."""
    for name in settings:
        if name not in KNOWN:
            problem(where, f"CHROMOFARM_{name} is not a setting of `chromofarm serve`")
    for name in sorted(REQUIRED[role] - settings.keys()):
        problem(where, f"{role} needs CHROMOFARM_{name}")
    migrate = str(settings.get("RESULTS__MIGRATEATSTART", "true" if role == "coordinator" else "false")).lower()
    if role == "coordinator" and migrate != "true":
        problem(where, "the coordinator must migrate at start (CHROMOFARM_RESULTS__MIGRATEATSTART=true)")
    if role != "coordinator" and migrate != "false":
        problem(where, "only the coordinator may set CHROMOFARM_RESULTS__MIGRATEATSTART=true")
    shutdown = settings.get("HOST__SHUTDOWNTIMEOUT")
    if shutdown is not None and timespan_seconds(shutdown) is None:
        problem(where, f"CHROMOFARM_HOST__SHUTDOWNTIMEOUT={shutdown!r} is not a TimeSpan (hh:mm:ss)")


def role_of(command, where):
    if not (isinstance(command, list) and len(command) == 2 and command[0] == "serve"):
        problem(where, f"runs {command!r}, expected [serve, <role>]")
        return None
    if command[1] not in REQUIRED:
        problem(where, f"unknown role {command[1]!r}")
        return None
    return command[1]


def check_compose(path):
    with open(path, encoding="utf-8") as f:
        services = yaml.safe_load(f)["services"]
    roles_seen = set()
    for name, service in services.items():
        command = service.get("command")
        if not (isinstance(command, list) and command[:1] == ["serve"]):
            continue
        where = f"{path}: {name}"
        role = role_of(command, where)
        if role is None:
            continue
        roles_seen.add(role)
        env = service.get("environment") or {}
        if isinstance(env, list):
            env = dict(item.split("=", 1) if "=" in item else (item, None) for item in env)
        settings = {k[len("CHROMOFARM_"):]: v for k, v in env.items() if k.startswith("CHROMOFARM_")}
        check_settings(where, role, settings)
        port = str(settings.get("HTTP__PORT", DEFAULT_PORT))
        test = " ".join(map(str, (service.get("healthcheck") or {}).get("test", [])))
        if f":{port}/readyz" not in test:
            problem(where, f"healthcheck does not probe /readyz on port {port}: {test!r}")
        if role == "worker":
            shutdown = timespan_seconds(settings.get("HOST__SHUTDOWNTIMEOUT", "00:01:00")) or DEFAULT_SHUTDOWN
            grace = compose_duration_seconds(service.get("stop_grace_period", "10s"))
            if grace is None or grace <= shutdown:
                problem(where, f"stop_grace_period {service.get('stop_grace_period', '10s (default)')} must exceed "
                               f"the shutdown timeout ({shutdown:g} s)")
    for role in sorted(set(REQUIRED) - roles_seen):
        problem(path, f"no service runs `serve {role}`")


def check_chart(paths):
    objects = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            objects += [(path, o) for o in yaml.safe_load_all(f) if o]
    configmaps = {o["metadata"]["name"]: o.get("data") or {} for _, o in objects if o["kind"] == "ConfigMap"}
    scaled = {o["spec"]["scaleTargetRef"]["name"]: (p, o) for p, o in objects if o["kind"] == "ScaledObject"}
    roles_seen = set()
    for path, o in objects:
        if o["kind"] != "Deployment":
            continue
        where = f"{path}: Deployment/{o['metadata']['name']}"
        pod = o["spec"]["template"]["spec"]
        (container,) = pod["containers"]
        role = role_of(container.get("args"), where)
        if role is None:
            continue
        roles_seen.add(role)
        settings = {}
        for source in container.get("envFrom", []):
            name = source.get("configMapRef", {}).get("name")
            if name not in configmaps:
                problem(where, f"envFrom names ConfigMap {name!r}, which the chart does not render")
                continue
            settings.update(configmaps[name])
        for item in container.get("env", []):
            settings[item["name"]] = item.get("value")
        settings = {k[len("CHROMOFARM_"):]: v for k, v in settings.items() if k.startswith("CHROMOFARM_")}
        check_settings(where, role, settings)

        port = int(settings.get("HTTP__PORT", DEFAULT_PORT))
        ports = {p.get("name"): p["containerPort"] for p in container.get("ports", [])}
        for probe, path_expected in (("livenessProbe", "/healthz"), ("readinessProbe", "/readyz")):
            get = (container.get(probe) or {}).get("httpGet") or {}
            probe_port = ports.get(get.get("port"), get.get("port"))
            if get.get("path") != path_expected or probe_port != port:
                problem(where, f"{probe} must GET {path_expected} on port {port}, not {get!r}")
        if role == "worker" and "startupProbe" not in container:
            problem(where, "the worker needs a startupProbe (the model loads before it is ready)")

        shutdown = timespan_seconds(settings.get("HOST__SHUTDOWNTIMEOUT", "00:01:00")) or DEFAULT_SHUTDOWN
        command = (((container.get("lifecycle") or {}).get("preStop") or {}).get("exec") or {}).get("command") or []
        pre_stop = float(command[1]) if command[:1] == ["sleep"] and len(command) == 2 else 0.0
        grace = pod.get("terminationGracePeriodSeconds", 30)
        if grace <= shutdown + pre_stop:
            problem(where, f"terminationGracePeriodSeconds {grace} must exceed the preStop sleep ({pre_stop:g} s) "
                           f"plus the shutdown timeout ({shutdown:g} s)")

        target = scaled.get(o["metadata"]["name"])
        if role == "worker" and target is not None:
            if "replicas" in o["spec"]:
                problem(where, "sets replicas although a ScaledObject owns the count")
            _, so = target
            for trigger in so["spec"].get("triggers", []):
                meta = trigger.get("metadata") or {}
                if trigger.get("type") != "rabbitmq" or meta.get("protocol") != "http" \
                        or meta.get("queueName") != WORKER_QUEUE or meta.get("mode") != "QueueLength" \
                        or str(meta.get("excludeUnacknowledged", "false")).lower() != "false":
                    problem(where, "the ScaledObject must count ready + unacked messages of "
                                   f"{WORKER_QUEUE} (rabbitmq, protocol http, mode QueueLength)")
    for name, (path, _) in scaled.items():
        if not any(o["kind"] == "Deployment" and o["metadata"]["name"] == name for _, o in objects):
            problem(path, f"ScaledObject targets Deployment {name!r}, which the chart does not render")
    for role in sorted(set(REQUIRED) - roles_seen):
        problem(" ".join(paths), f"no Deployment runs `serve {role}`")


def main(argv):
    if len(argv) < 3 or argv[1] not in ("compose", "chart"):
        print("usage:\n" + "\n".join(__doc__.strip().splitlines()[2:4]), file=sys.stderr)
        return 2
    if argv[1] == "compose":
        check_compose(argv[2])
    else:
        check_chart(argv[2:])
    for line in problems:
        print(line, file=sys.stderr)
    print(f"check-settings {argv[1]}: {'ok' if not problems else f'{len(problems)} problem(s)'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
