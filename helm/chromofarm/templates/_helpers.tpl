{{/* Names and labels. */}}
{{- define "chromofarm.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "chromofarm.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "chromofarm.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Common labels; call with (dict "root" $ "role" "worker"). */}}
{{- define "chromofarm.labels" -}}
helm.sh/chart: {{ include "chromofarm.chart" .root }}
{{ include "chromofarm.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: chromofarm
{{- end }}

{{- define "chromofarm.selectorLabels" -}}
app.kubernetes.io/name: {{ include "chromofarm.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .role }}
{{- end }}

{{/* A role's resource name, e.g. "myrelease-chromofarm-worker". */}}
{{- define "chromofarm.roleName" -}}
{{- printf "%s-%s" (include "chromofarm.fullname" .root) .role | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "chromofarm.configName" -}}
{{- printf "%s-config" (include "chromofarm.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Seconds as a .NET TimeSpan ("00:01:00"), the form the CHROMOFARM_* durations take. */}}
{{- define "chromofarm.timeSpan" -}}
{{- $s := int . }}
{{- printf "%02d:%02d:%02d" (div $s 3600) (div (mod $s 3600) 60) (mod $s 60) }}
{{- end }}

{{/* Longer than the preStop sleep plus the shutdown timeout, so SIGKILL never cuts a draining batch. */}}
{{- define "chromofarm.terminationGracePeriodSeconds" -}}
{{- $h := .Values.host }}
{{- if lt (int $h.terminationMarginSeconds) 1 }}
{{- fail "host.terminationMarginSeconds must be at least 1: the grace period has to outlast the shutdown timeout" }}
{{- end }}
{{- add (int $h.preStopSleepSeconds) (int $h.shutdownTimeoutSeconds) (int $h.terminationMarginSeconds) }}
{{- end }}

{{/*
Secret-backed environment of a role; call with (dict "root" $ "objectStore" true "results" true).
Every role gets the broker URL.
*/}}
{{- define "chromofarm.secretEnv" -}}
{{- $v := .root.Values -}}
- name: CHROMOFARM_RABBITMQ__URL
  valueFrom:
    secretKeyRef:
      name: {{ required "rabbitmq.existingSecret is required" $v.rabbitmq.existingSecret }}
      key: {{ $v.rabbitmq.urlKey }}
{{- if .objectStore }}
- name: CHROMOFARM_OBJECTSTORE__ACCESSKEY
  valueFrom:
    secretKeyRef:
      name: {{ required "objectStore.existingSecret is required" $v.objectStore.existingSecret }}
      key: {{ $v.objectStore.accessKeyKey }}
- name: CHROMOFARM_OBJECTSTORE__SECRETKEY
  valueFrom:
    secretKeyRef:
      name: {{ $v.objectStore.existingSecret }}
      key: {{ $v.objectStore.secretKeyKey }}
{{- end }}
{{- if .results }}
- name: CHROMOFARM_RESULTS__CONNECTIONSTRING
  valueFrom:
    secretKeyRef:
      name: {{ required "results.existingSecret is required" $v.results.existingSecret }}
      key: {{ $v.results.connectionStringKey }}
{{- end }}
{{- /* The roles that take uploads replace patient ids by keyed pseudonyms when the lab gives a key. */}}
{{- if and (has .role (list "ingest" "api")) $v.privacy.existingSecret }}
- name: CHROMOFARM_PRIVACY__PSEUDONYMKEY
  valueFrom:
    secretKeyRef:
      name: {{ $v.privacy.existingSecret }}
      key: {{ $v.privacy.key }}
{{- end }}
{{- end }}
