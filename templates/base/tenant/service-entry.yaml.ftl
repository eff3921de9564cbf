<#--
  One ServiceEntry per external host, visible to this namespace only (exportTo "."), so one
  tenant's entry never changes another tenant's traffic. `tls: passthrough`: the app speaks TLS
  on the port. `tls: originate`: the app speaks plain HTTP on port 80 and the sidecar opens TLS
  to the real port (see destination-rule.yaml.ftl); one entry per host either way.
  Reads: egress[].{host,port,tls,resourceName}, namespace, controlPlanes (API level).
-->
<#import "/lib/mesh.ftl" as mesh>
<#import "/lib/yaml.ftl" as y>
<#list egress as e>
---
apiVersion: ${mesh.api("networking")}
kind: ServiceEntry
metadata:
  name: ${e.resourceName}
  namespace: ${namespace}
spec:
  hosts:
  - ${e.host}
  exportTo:
  - .
  location: MESH_EXTERNAL
  resolution: DNS
  ports:
<#if e.tls == "originate">
  - number: 80
    name: http
    protocol: HTTP
    targetPort: ${y.int(e.port)}
<#else>
  - number: ${y.int(e.port)}
    name: tls
    protocol: TLS
</#if>
</#list>
