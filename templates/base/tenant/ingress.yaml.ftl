<#--
  The tenant's own ingress gateway (gateway injection), only when it exposes hosts: a
  ServiceAccount (the gateway's identity), a Role/RoleBinding letting istiod hand it the TLS
  secrets of its namespace, a Deployment the injector turns into an Envoy gateway, a ClusterIP
  Service mapping 80/443 to the non-root ports 8080/8443, a Gateway whose selector is unique to
  this tenant and overlay and whose hosts are namespace-qualified ("./host"), with the
  environment's TLS floor and ciphers, and one VirtualService per host, exported to this
  namespace only.
  Reads: gateway.{name,hosts[]}, namespace, env.ingress.{replicas,minProtocolVersion,
  cipherSuites,proxyResources}, env.mesh.target.
-->
<#import "/lib/mesh.ftl" as mesh>
<#import "/lib/yaml.ftl" as y>
<#if gateway.enabled>
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${gateway.name}
  namespace: ${namespace}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: ${gateway.name + "-sds"}
  namespace: ${namespace}
rules:
- apiGroups:
  - ""
  resources:
  - secrets
  verbs:
  - get
  - watch
  - list
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: ${gateway.name + "-sds"}
  namespace: ${namespace}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: ${gateway.name + "-sds"}
subjects:
- kind: ServiceAccount
  name: ${gateway.name}
  namespace: ${namespace}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${gateway.name}
  namespace: ${namespace}
spec:
  replicas: ${y.int(env.ingress.replicas)}
  selector:
    matchLabels:
      istio: ${gateway.name}
  template:
    metadata:
      annotations:
        inject.istio.io/templates: gateway
      labels:
        istio: ${gateway.name}
        sidecar.istio.io/inject: "true"
    spec:
      serviceAccountName: ${gateway.name}
      containers:
      - name: istio-proxy
        image: auto
        resources:
          requests:
            cpu: ${env.ingress.proxyResources.requests.cpu}
            memory: ${env.ingress.proxyResources.requests.memory}
          limits:
            cpu: ${env.ingress.proxyResources.limits.cpu}
            memory: ${env.ingress.proxyResources.limits.memory}
---
apiVersion: v1
kind: Service
metadata:
  name: ${gateway.name}
  namespace: ${namespace}
spec:
  type: ClusterIP
  selector:
    istio: ${gateway.name}
  ports:
  - name: http2
    port: 80
    targetPort: 8080
  - name: https
    port: 443
    targetPort: 8443
---
apiVersion: ${mesh.api("networking")}
kind: Gateway
metadata:
  name: ${gateway.name}
  namespace: ${namespace}
spec:
  selector:
    istio: ${gateway.name}
  servers:
<#list gateway.hosts as h>
  - port:
      number: 443
      name: ${"https-" + h.resourceName}
      protocol: HTTPS
    hosts:
    - ${"./" + h.fqdn}
    tls:
      mode: SIMPLE
      credentialName: ${h.credentialName}
      minProtocolVersion: ${env.ingress.minProtocolVersion}
      cipherSuites:
<#list env.ingress.cipherSuites as c>
      - ${c}
</#list>
</#list>
  - port:
      number: 80
      name: http
      protocol: HTTP
    hosts:
<#list gateway.hosts as h>
    - ${"./" + h.fqdn}
</#list>
    tls:
      httpsRedirect: true
<#list gateway.hosts as h>
---
apiVersion: ${mesh.api("networking")}
kind: VirtualService
metadata:
  name: ${h.resourceName}
  namespace: ${namespace}
spec:
  hosts:
  - ${h.fqdn}
  gateways:
  - ${gateway.name}
  exportTo:
  - .
  http:
  - match:
<#list h.paths as path>
    - uri:
        prefix: ${path}
</#list>
    route:
    - destination:
        host: ${h.destination}
        port:
          number: ${y.int(h.port)}
</#list>
</#if>
