{{/* The Service in front of ingest or api; call with (dict "root" $ "role" "api" "values" .Values.api). */}}
{{- define "chromofarm.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "chromofarm.roleName" . }}
  labels:
    {{- include "chromofarm.labels" . | nindent 4 }}
spec:
  type: {{ .values.service.type }}
  selector:
    {{- include "chromofarm.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: {{ .values.service.port }}
      targetPort: http
      protocol: TCP
{{- end }}
