/** Makes sure exactly one relay instance streams: a Postgres advisory lock held on a dedicated connection. */
package com.example.checkout.relay.leadership;
