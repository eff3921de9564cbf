<#--
  The tenant's own ingress gateway (gateway injection), only when it exposes hosts: a
  ServiceAccount (the gateway's identity), a Role/RoleBinding letting istiod hand it the TLS
  secrets of its namespace, a Deployment the injector turns into an Envoy gateway, a
  PodDisruptionBudget, a ClusterIP Service mapping 443 to the non-root port 8443, a Gateway whose
  selector is unique to this tenant and overlay and whose hosts are namespace-qualified ("./host"),
  with the environment's TLS floor and ciphers, and one VirtualService per host, exported to this
  namespace only. Outside traffic arrives only through the TLS passthrough Routes of route.yaml.ftl
  (the router answers plain HTTP itself), so the gateway has no port-80 listener.
  Upstream facts this relies on:
  - gateway injection: the pod label sidecar.istio.io/inject "true", the annotation
    inject.istio.io/templates "gateway" and `image: auto` (openshift-service-mesh/sail-operator
    chart/samples/ingress-gateway.yaml; the template is istio/istio
    manifests/charts/istio-control/istio-discovery/files/gateway-injection-template.yaml). The
    sample's Service maps 443 to 8443 because the pod runs without root.
  - the Role: istiod serves a credentialName secret only to a gateway whose ServiceAccount may
    read secrets in that namespace (same sample, "Set up roles to allow reading credentials").
  - no Kubernetes API token (automountServiceAccountToken: false): the injector mounts its own
    projected token `istio-token` (audience istio-ca) for the proxy's calls to istiod, and Envoy
    gets its certificates through SDS from istiod; nothing in the pod calls the API server
    (gateway-injection-template.yaml, volume istio-token). Istio 1.20 (OSSM 2.6) mounts it only
    with jwtPolicy third-party-jwt, which the SMCP's security.identity.type ThirdParty selects
    (maistra/istio-operator pkg/apis/maistra/conversion/security.go).
  - PodDisruptionBudget policy/v1 with unhealthyPodEvictionPolicy AlwaysAllow, so a crash-looping
    gateway never blocks a node drain (GA in Kubernetes 1.31, OpenShift 4.18:
    https://kubernetes.io/docs/tasks/run-application/configure-pdb/#unhealthy-pod-eviction-policy).
    maxUnavailable rather than minAvailable: it never blocks a drain whatever the replica count
    an overlay patch sets (the upstream chart's PDB has the same concern:
    istio/istio manifests/charts/gateway/templates/poddisruptionbudget.yaml).
  - topologySpreadConstraints with nodeTaintsPolicy Honor (tainted nodes the pods cannot run on
    are not counted as empty domains) and matchLabelKeys pod-template-hash (each ReplicaSet
    spreads on its own, so the old pods never block a rolling update): Kubernetes 1.31
    https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/.
  Reads: gateway.{name,hosts[]}, namespace, env.ingress.{replicas,minProtocolVersion,
  cipherSuites,proxyResources,maxUnavailable,topologySpread}, controlPlanes (API level).
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
automountServiceAccountToken: false
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
      automountServiceAccountToken: false
      topologySpreadConstraints:
<#list env.ingress.topologySpread as spread>
      - maxSkew: 1
        topologyKey: ${spread.topologyKey}
        whenUnsatisfiable: ${spread.whenUnsatisfiable}
        nodeTaintsPolicy: Honor
        labelSelector:
          matchLabels:
            istio: ${gateway.name}
        matchLabelKeys:
        - pod-template-hash
</#list>
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
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: ${gateway.name}
  namespace: ${namespace}
spec:
  maxUnavailable: ${y.int(env.ingress.maxUnavailable)}
  selector:
    matchLabels:
      istio: ${gateway.name}
  unhealthyPodEvictionPolicy: AlwaysAllow
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
