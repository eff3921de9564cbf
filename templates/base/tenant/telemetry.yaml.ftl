<#--
  The namespace's one selector-less Telemetry (named namespace-default so overlays patch it
  rather than add a second). Access log: off, errors (response code >= 400) or all; the root
  Telemetry disables logging, so enabling needs an explicit `disabled: false`. Tracing sampling
  is the tenant's wish capped by the environment's maxTracingPercent (done in the model), for the
  mesh's tracing provider (env.telemetry.tracing.provider, declared in the control plane's
  extensionProviders): with no provider named here or as the mesh default, randomSamplingPercentage
  configures nothing (istio pilot/pkg/networking/core/tracing.go: it samples for the provider's tracer).
  Metrics are not set here: the root Telemetry enables the prometheus provider for every
  namespace, and a namespace that says nothing about metrics inherits it.
  Reads: telemetry.{accessLog,tracingPercent}, namespace, controlPlanes (API level), env.telemetry.tracing.provider.
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
  - providers:
    - name: ${env.telemetry.tracing.provider}
    randomSamplingPercentage: ${y.num(telemetry.tracingPercent)}
