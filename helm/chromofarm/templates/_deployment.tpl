{{/*
The Deployment of one `chromofarm serve <role>`. Call with a dict:
  root         the top context ($)
  role         ingest | worker | coordinator | api
  values       the role's values (.Values.<role>)
  objectStore  true when the role reads or writes images (object store keys from the Secret)
  results      true when the role uses the results database (connection string from the Secret)
  env          role-specific environment ([{name, value}])
*/}}
{{- define "chromofarm.deployment" -}}
{{- $root := .root }}
{{- $v := $root.Values }}
{{- $rv := .values }}
{{- $gpu := and (eq .role "worker") $v.worker.gpu.enabled }}
{{- $repository := $v.image.repository }}
{{- $tag := $v.image.tag }}
{{- $resources := $rv.resources }}
{{- $nodeSelector := $rv.nodeSelector }}
{{- $tolerations := $rv.tolerations }}
{{- if $gpu }}
{{- $repository = default $v.image.repository $v.worker.gpu.image.repository }}
{{- $tag = $v.worker.gpu.image.tag }}
{{- $resources = deepCopy $v.worker.gpu.resources }}
{{- $limits := default (dict) $resources.limits }}
{{- $_ := set $limits $v.worker.gpu.resourceName $v.worker.gpu.count }}
{{- $_ := set $resources "limits" $limits }}
{{- $nodeSelector = merge (deepCopy (default (dict) $rv.nodeSelector)) $v.worker.gpu.nodeSelector }}
{{- $tolerations = concat (default (list) $rv.tolerations) $v.worker.gpu.tolerations }}
{{- end -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "chromofarm.roleName" . }}
  labels:
    {{- include "chromofarm.labels" . | nindent 4 }}
spec:
  {{- /* With KEDA the ScaledObject (through its HPA) owns the worker's replica count. */}}
  {{- if not (and (eq .role "worker") $v.keda.enabled) }}
  replicas: {{ $rv.replicas }}
  {{- end }}
  {{- with $rv.strategy }}
  strategy:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "chromofarm.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "chromofarm.labels" . | nindent 8 }}
      annotations:
        # Roll the pods when the settings change.
        checksum/config: {{ include (print $root.Template.BasePath "/configmap.yaml") $root | sha256sum }}
        {{- with $rv.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      {{- with $v.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        {{- toYaml $v.podSecurityContext | nindent 8 }}
      terminationGracePeriodSeconds: {{ include "chromofarm.terminationGracePeriodSeconds" $root }}
      containers:
        - name: {{ .role }}
          image: "{{ $repository }}:{{ $tag }}"
          imagePullPolicy: {{ $v.image.pullPolicy }}
          args: ["serve", {{ .role | quote }}]
          ports:
            - name: http
              containerPort: {{ $v.http.port }}
              protocol: TCP
          envFrom:
            - configMapRef:
                name: {{ include "chromofarm.configName" $root }}
          env:
            {{- include "chromofarm.secretEnv" . | nindent 12 }}
            {{- with .env }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
            {{- with $rv.extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          {{- with $rv.startupProbe }}
          startupProbe:
            httpGet:
              path: {{ .path }}
              port: http
            periodSeconds: {{ .periodSeconds }}
            failureThreshold: {{ .failureThreshold }}
          {{- end }}
          livenessProbe:
            httpGet:
              path: {{ $v.probes.liveness.path }}
              port: http
            periodSeconds: {{ $v.probes.liveness.periodSeconds }}
            timeoutSeconds: {{ $v.probes.liveness.timeoutSeconds }}
            failureThreshold: {{ $v.probes.liveness.failureThreshold }}
          readinessProbe:
            httpGet:
              path: {{ $v.probes.readiness.path }}
              port: http
            periodSeconds: {{ $v.probes.readiness.periodSeconds }}
            timeoutSeconds: {{ $v.probes.readiness.timeoutSeconds }}
            failureThreshold: {{ $v.probes.readiness.failureThreshold }}
          lifecycle:
            # Endpoints drop the pod while it sleeps; SIGTERM (graceful shutdown) follows.
            preStop:
              exec:
                command: ["sleep", "{{ $v.host.preStopSleepSeconds }}"]
          {{- with $resources }}
          resources:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          securityContext:
            {{- toYaml $v.containerSecurityContext | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            # Writable home for library caches (CUDA's kernel cache in ~/.nv on the GPU worker).
            - name: home
              mountPath: /home/chromofarm
            {{- if $v.tls.caConfigMap }}
            # The lab's CA (tls.caConfigMap), for amqps, an https object store and PostgreSQL's Root Certificate.
            - name: lab-ca
              mountPath: /etc/chromofarm/ca
              readOnly: true
            {{- end }}
      volumes:
        - name: tmp
          emptyDir: {}
        - name: home
          emptyDir: {}
        {{- with $v.tls.caConfigMap }}
        - name: lab-ca
          configMap:
            name: {{ . }}
        {{- end }}
      {{- with $nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $rv.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
{{- end }}
