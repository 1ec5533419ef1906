/** The live overview: the services' metrics scraped every few seconds and turned into rates, delays and backlogs. */
package com.example.checkout.console.overview;
