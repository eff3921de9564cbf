/**
 * The CEL rules of CustomResourceDefinitions ({@code x-kubernetes-validations}), evaluated on
 * rendered objects the way the Kubernetes API server evaluates them on create.
 */
package io.meshplate.policy.cel;
