package io.meshplate.policy;

import io.meshplate.Problem;
import io.meshplate.yaml.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Each tenant namespace is governed by exactly one control plane: exactly one injector takes its
 * pods. A Sail revision injects a namespace whose {@code istio.io/rev} names one of the overlay's
 * IstioRevisionTags or active revisions; a ServiceMeshControlPlane injects its members (a
 * ServiceMeshMember naming it) unless they carry {@code maistra.io/ignore-namespace: "true"},
 * which turns the OSSM 2 injector off (openshift-service-mesh/sail-operator docs/ossm/
 * ossm2-migration/multi-tenancy/README.md, "Migrate Workloads"). Refused:
 * <ul>
 *   <li>no injector (a revision label naming nothing the overlay renders, or neither label nor
 *       membership): the admission policy then refuses every pod;
 *   <li>both (a member with a revision label but without the ignore label): both webhooks
 *       mutate the pod, whose sidecar then fails to start;
 *   <li>{@code istio-injection} on a tenant namespace: it takes precedence over
 *       {@code istio.io/rev} (same guide, cluster-wide/README.md);
 *   <li>a member of a ServiceMeshControlPlane the overlay does not render (the cleanup left it);
 *   <li>an IstioRevisionTag or InPlace Istio named {@code default} while a ServiceMeshControlPlane
 *       injects any namespace: the default revision's webhook also takes pods labelled
 *       {@code sidecar.istio.io/inject: "true"} in namespaces without {@code istio.io/rev}
 *       (istio/istio manifests/charts/istio-control/istio-discovery/templates/
 *       mutatingwebhook.yaml, object.sidecar-injector.istio.io), the OSSM 2 members.
 * </ul>
 * Overlays whose platform folder is not rendered (a {@code --tenant} render) are judged by the
 * full render.
 */
final class RequireOneControlPlane implements TreeInvariant {
  static final String REVISION = "istio.io/rev";
  static final String IGNORE = "maistra.io/ignore-namespace";

  @Override
  public String rule() {
    return "INV-ONE-CONTROL-PLANE";
  }

  @Override
  public void check(TreeView objects, List<Problem> problems) {
    ControlPlanes.meshes(objects.all).forEach((overlay, mesh) -> {
      boolean smcpInjects = false;
      for (TenantNamespaces.Entry ns : TenantNamespaces.of(objects, overlay)) {
        Map<?, ?> labels = ns.labels();
        if (labels.containsKey("istio-injection")) {
          problems.add(ns.namespace().problem(rule(), "carries istio-injection, which takes precedence over istio.io/rev",
              "leave istio-injection off tenant namespaces"));
        }
        List<String> injectors = new ArrayList<>();
        Object revision = labels.get(REVISION);
        if (revision != null) {
          if (mesh.injectingRevisions().contains(String.valueOf(revision))) {
            injectors.add("revision " + revision);
          } else {
            problems.add(ns.namespace().problem(rule(), "istio.io/rev '" + Messages.escape(String.valueOf(revision))
                    + "' names no IstioRevisionTag or revision the overlay renders (" + String.join(", ", mesh.injectingRevisions())
                    + "): no sidecar is injected", "render the tag or point the namespace at one"));
          }
        }
        for (PlacedObject member : ns.members()) {
          Map<?, ?> ref = PlacedObject.Fields.map(member.spec(), "controlPlaneRef");
          String name = PlacedObject.Fields.text(ref, "name");
          String namespace = PlacedObject.Fields.text(ref, "namespace");
          boolean rendered = mesh.smcps().stream().anyMatch(p -> p.object().key().name().equals(name)
              && p.object().key().namespace().equals(namespace));
          if (!rendered) {
            problems.add(member.problem(rule(), "is a member of ServiceMeshControlPlane " + Messages.escape(namespace + "/" + name)
                + ", which the overlay does not run", "drop the membership, or keep the ServiceMeshControlPlane (rollout.from)"));
          } else if (!"true".equals(String.valueOf(labels.get(IGNORE)))) {
            injectors.add("ServiceMeshControlPlane " + name);
            smcpInjects = true;
          }
        }
        if (injectors.isEmpty()) {
          problems.add(ns.namespace().problem(rule(), "no control plane injects its pods (no istio.io/rev naming a "
              + "revision, no ServiceMeshControlPlane membership without maistra.io/ignore-namespace)", "restore its mesh membership"));
        } else if (injectors.size() > 1) {
          problems.add(ns.namespace().problem(rule(), "is injected by " + String.join(" and ", injectors)
              + ": both mutate its pods", "label it maistra.io/ignore-namespace: \"true\" when a revision injects it"));
        }
      }
      if (smcpInjects) {
        for (PlacedObject tag : mesh.tagObjects()) {
          if (tag.key().name().equals("default")) {
            problems.add(tag.problem(rule(), "the default tag's injector also takes pods labelled sidecar.istio.io/inject in "
                + "namespaces without istio.io/rev: the ServiceMeshControlPlane's members get two sidecars", "name the tag otherwise until the ServiceMeshControlPlane is gone"));
          }
        }
        for (ControlPlanes.ControlPlane istio : mesh.istios()) {
          if (istio.activeRevision().equals("default")) {
            problems.add(istio.object().problem(rule(), "its revision default injects pods labelled sidecar.istio.io/inject in "
                + "namespaces without istio.io/rev: the ServiceMeshControlPlane's members get two sidecars",
                "use updateStrategy RevisionBased (or another name) until the ServiceMeshControlPlane is gone"));
          }
        }
      }
    });
  }
}
