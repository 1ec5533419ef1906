/** The cancellation email: sent once per cancelled order, and never followed by that order's confirmation. */
package com.example.checkout.email.cancellation;
