/** Staff users, roles and permissions, sign-in, and the approval (second-person) mechanism. */
@org.springframework.modulith.ApplicationModule(displayName = "Identity and approvals")
package org.civicdesk.identity;
