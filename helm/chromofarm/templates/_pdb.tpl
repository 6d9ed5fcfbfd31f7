{{/* A PodDisruptionBudget; call with (dict "root" $ "role" "worker" "values" .Values.worker.podDisruptionBudget). */}}
{{- define "chromofarm.podDisruptionBudget" -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "chromofarm.roleName" . }}
  labels:
    {{- include "chromofarm.labels" . | nindent 4 }}
spec:
  {{- if hasKey .values "minAvailable" }}
  minAvailable: {{ .values.minAvailable }}
  {{- else }}
  maxUnavailable: {{ .values.maxUnavailable | default 1 }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "chromofarm.selectorLabels" . | nindent 6 }}
{{- end }}
