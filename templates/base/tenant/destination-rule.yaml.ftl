<#--
  Client-side TLS. In-mesh: ISTIO_MUTUAL to every called service (never SIMPLE or DISABLE to a
  STRICT server). External hosts with `tls: originate`: SIMPLE TLS that verifies the server: CA
  bundle, subjectAltNames and SNI are always written, because OSSM 2 (Istio <= 1.20) verifies
  nothing and sends no SNI without them. All rules are exported to this namespace only.
  Reads: callees[].{fqdn,resourceName}, egress[], namespace, env.mesh.caCertificates, controlPlanes (API level).
-->
<#import "/lib/mesh.ftl" as mesh>
<#list callees as c>
---
apiVersion: ${mesh.api("networking")}
kind: DestinationRule
metadata:
  name: ${c.resourceName}
  namespace: ${namespace}
spec:
  host: ${c.fqdn}
  exportTo:
  - .
  trafficPolicy:
    tls:
      mode: ISTIO_MUTUAL
</#list>
<#list egress?filter(e -> e.tls == "originate") as e>
---
apiVersion: ${mesh.api("networking")}
kind: DestinationRule
metadata:
  name: ${e.resourceName}
  namespace: ${namespace}
spec:
  host: ${e.host}
  exportTo:
  - .
  trafficPolicy:
    portLevelSettings:
    - port:
        number: 80
      tls:
        mode: SIMPLE
        caCertificates: ${env.mesh.caCertificates}
        subjectAltNames:
        - ${e.host}
        sni: ${e.host}
</#list>
