<#--
  Root-namespace default Telemetry, for every namespace of the mesh: access logging off (tenants
  re-enable it in their namespace Telemetry); Istio request metrics (istio_requests_total, ...)
  through the `prometheus` provider, which is what produces them on OSSM 2 once the SMCP's
  Prometheus add-on is off (that switch also drops the operator's stats filters: maistra/
  istio-operator pkg/apis/maistra/conversion/prometheus.go; openshift-docs
  modules/ossm-integrating-with-user-workload-monitoring.adoc, "enable-prometheus-metrics");
  spans to the mesh's tracing provider at explicit sampling (the OSSM 2 default would be 100 %).
  Reads: env.mesh.controlPlaneNamespace, controlPlanes (API level), env.telemetry.{meshTracingPercent,tracing.provider}.
-->
<#import "/lib/mesh.ftl" as mesh>
<#import "/lib/yaml.ftl" as y>
---
apiVersion: ${mesh.api("telemetry")}
kind: Telemetry
metadata:
  name: mesh-default
  namespace: ${env.mesh.controlPlaneNamespace}
spec:
  accessLogging:
  - disabled: true
  metrics:
  - providers:
    - name: prometheus
  tracing:
  - providers:
    - name: ${env.telemetry.tracing.provider}
    randomSamplingPercentage: ${y.num(env.telemetry.meshTracingPercent)}
