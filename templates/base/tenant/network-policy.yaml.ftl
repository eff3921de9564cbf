<#--
  L3/L4 defence in depth (policy catalogue §3.4). Default deny in both directions, then only:
  same namespace; DNS; istiod (xDS and certificates); the tracing collector (spans, OTLP/gRPC,
  in the control-plane namespace: env.telemetry.tracing); scraping of the proxy ports by
  user-workload monitoring; each service's callers' namespaces (from this tenant's allow rules)
  on the ports their rules cover; the pods of each called service (from calls); the OpenShift
  router to the tenant's own ingress gateway on its TLS port; external egress ports outside the
  cluster networks, for injected pods only.
  Egress to a called service is scoped by namespace and pod label, not port: the port belongs to
  the callee's descriptor, and no file depends on two tenants (the callee's ingress policy
  limits the port).
  Upstream facts this relies on:
  - the router reaches gateway pods directly on the Service's target port (8443): it forwards
    TLS passthrough Routes to the endpoints, never through the Service IP (route.yaml.ftl); plain
    HTTP never reaches the gateway (the router redirects or refuses it).
  - injected pods carry the label security.istio.io/tlsMode "istio", set by the sidecar injector
    (istio/istio manifests/charts/istio-control/istio-discovery/files/injection-template.yaml;
    OSSM 2.5: maistra/istio-operator resources/helm/v2.5/istio-control/istio-discovery/files/
    injection-template.yaml). Selecting on it keeps a pod without a sidecar, which REGISTRY_ONLY
    cannot stop, from leaving the cluster; the admission policy (platform/admission-policy.yaml.ftl)
    refuses such pods in the first place.
  Reads: namespace, services[].{name,callerPeers}, callees, gateway, egressPorts, env.dns,
  env.mesh, env.monitoring, env.telemetry.tracing, env.ingress.routerNamespaceLabels,
  env.network.clusterCidrs.
-->
<#import "/lib/yaml.ftl" as y>
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-all
  namespace: ${namespace}
spec:
  podSelector: {}
  policyTypes:
  - Ingress
  - Egress
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-same-namespace
  namespace: ${namespace}
spec:
  podSelector: {}
  policyTypes:
  - Ingress
  - Egress
  ingress:
  - from:
    - podSelector: {}
  egress:
  - to:
    - podSelector: {}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-egress-dns
  namespace: ${namespace}
spec:
  podSelector: {}
  policyTypes:
  - Egress
  egress:
  - to:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: ${env.dns.namespace}
    ports:
<#list env.dns.ports as p>
    - protocol: UDP
      port: ${y.int(p)}
    - protocol: TCP
      port: ${y.int(p)}
</#list>
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-egress-control-plane
  namespace: ${namespace}
spec:
  podSelector: {}
  policyTypes:
  - Egress
  egress:
  - to:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: ${env.mesh.controlPlaneNamespace}
      podSelector:
        matchLabels:
<#list env.mesh.istiodLabels as k, v>
          ${k}: ${v}
</#list>
    ports:
<#list env.mesh.istiodPorts as p>
    - protocol: TCP
      port: ${y.int(p)}
</#list>
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-egress-tracing
  namespace: ${namespace}
spec:
  podSelector: {}
  policyTypes:
  - Egress
  egress:
  - to:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: ${env.mesh.controlPlaneNamespace}
      podSelector:
        matchLabels:
<#list env.telemetry.tracing.podLabels as k, v>
          ${k}: ${v}
</#list>
    ports:
    - protocol: TCP
      port: ${y.int(env.telemetry.tracing.port)}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-from-monitoring
  namespace: ${namespace}
spec:
  podSelector: {}
  policyTypes:
  - Ingress
  ingress:
  - from:
    - namespaceSelector:
        matchLabels:
<#list env.monitoring.namespaceLabels as k, v>
          ${k}: ${v}
</#list>
    ports:
<#list env.monitoring.proxyPorts as p>
    - protocol: TCP
      port: ${y.int(p)}
</#list>
<#list services?filter(s -> s.callerPeers?has_content) as s>
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${"allow-" + s.name + "-from-callers"}
  namespace: ${namespace}
spec:
  podSelector:
    matchLabels:
      app: ${s.name}
  policyTypes:
  - Ingress
  ingress:
<#list s.callerPeers as peer>
  - from:
<#list peer.namespaces as ns>
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: ${ns}
</#list>
    ports:
<#list peer.ports as p>
    - protocol: TCP
      port: ${y.int(p)}
</#list>
</#list>
</#list>
<#list callees as c>
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${"allow-egress-to-" + c.resourceName}
  namespace: ${namespace}
spec:
  podSelector: {}
  policyTypes:
  - Egress
  egress:
  - to:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: ${c.namespace}
      podSelector:
        matchLabels:
          app: ${c.service}
</#list>
<#if gateway.enabled>
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-router-to-gateway
  namespace: ${namespace}
spec:
  podSelector:
    matchLabels:
      istio: ${gateway.name}
  policyTypes:
  - Ingress
  ingress:
  - from:
    - namespaceSelector:
        matchLabels:
<#list env.ingress.routerNamespaceLabels as k, v>
          ${k}: ${v}
</#list>
      podSelector: {}
    ports:
    - protocol: TCP
      port: 8443
</#if>
<#if egressPorts?has_content>
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-egress-external
  namespace: ${namespace}
spec:
  podSelector:
    matchLabels:
      security.istio.io/tlsMode: istio
  policyTypes:
  - Egress
  egress:
  - to:
    - ipBlock:
        cidr: 0.0.0.0/0
        except:
<#list env.network.clusterCidrs as cidr>
        - ${cidr}
</#list>
    ports:
<#list egressPorts as p>
    - protocol: TCP
      port: ${y.int(p)}
</#list>
</#if>
