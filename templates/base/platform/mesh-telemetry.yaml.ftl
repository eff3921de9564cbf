<#--
  Root-namespace default Telemetry: access logging off and explicit sampling (the OSSM 2 default
  would be 100 %); tenants re-enable logging in their namespace Telemetry.
  Reads: env.mesh.{controlPlaneNamespace,target}, env.telemetry.meshTracingPercent.
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
  tracing:
  - randomSamplingPercentage: ${y.num(env.telemetry.meshTracingPercent)}
