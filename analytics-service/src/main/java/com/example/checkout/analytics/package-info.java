/** The analytics service's application class; its features live in the sub-packages. */
package com.example.checkout.analytics;
