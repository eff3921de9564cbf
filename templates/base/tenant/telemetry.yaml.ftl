<#--
  The namespace's one selector-less Telemetry (named namespace-default so overlays patch it
  rather than add a second). Access log: off, errors (response code >= 400) or all; the root
  Telemetry disables logging, so enabling needs an explicit `disabled: false`. Tracing sampling
  is the tenant's wish capped by the environment's maxTracingPercent (done in the model).
  Reads: telemetry.{accessLog,tracingPercent}, namespace, env.mesh.target.
-->
<#import "/lib/mesh.ftl" as mesh>
<#import "/lib/yaml.ftl" as y>
---
apiVersion: ${mesh.api("telemetry")}
kind: Telemetry
metadata:
  name: namespace-default
  namespace: ${namespace}
spec:
  accessLogging:
<#if telemetry.accessLog == "off">
  - disabled: true
<#else>
  - providers:
    - name: envoy
    disabled: false
<#if telemetry.accessLog == "errors">
    filter:
      expression: response.code >= 400
</#if>
</#if>
  tracing:
  - randomSamplingPercentage: ${y.num(telemetry.tracingPercent)}
