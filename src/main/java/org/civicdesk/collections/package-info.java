/**
 * Credit and collections: the named policies (deposit requirement and amount, late fee, disconnect eligibility,
 * arrangement eligibility, extension), each answering with its reasons; deposits, protections, heat days,
 * payment arrangements and extensions; the daily late-fee job; the Collections section of the account screen.
 * The policies are plain Java and take every figure from {@link org.civicdesk.collections.CollectionsRules}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Credit and collections")
package org.civicdesk.collections;
