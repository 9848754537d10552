/** The staff UI shell: sign-in page, home page per role, navigation, global search, error pages. */
@org.springframework.modulith.ApplicationModule(displayName = "Web shell")
package org.civicdesk.web;
