/*
 * The dashboard's only script. Every page works without it; it adds two things:
 *  - live balances: polls a small JSON endpoint and the server-rendered fragments of the page,
 *    and tells screen-reader users about balance changes through an aria-live region;
 *  - a busy state on submit buttons.
 *
 * It deliberately does NOT stop a second click on a submit button: the form's Idempotency-Key,
 * minted when the server rendered the form, is what makes a double submit harmless, and the
 * dashboard lets you see that happen.
 */
(function () {
    'use strict';

    document.querySelectorAll('form[data-busy-label]').forEach(function (form) {
        form.addEventListener('submit', function (event) {
            var button = event.submitter || form.querySelector('[type="submit"]');
            if (button) {
                button.setAttribute('aria-busy', 'true');
                if (!button.dataset.idleLabel) {
                    button.dataset.idleLabel = button.textContent;
                }
                button.textContent = form.dataset.busyLabel;
            }
        });
    });

    // An error summary or a fresh result takes the focus, so keyboard and screen-reader users land on it.
    var focusTarget = document.querySelector('[data-focus-on-load]');
    if (focusTarget) {
        focusTarget.focus();
    }

    // A page restored from the back/forward cache shows idle buttons again.
    window.addEventListener('pageshow', function () {
        document.querySelectorAll('[aria-busy="true"][data-idle-label]').forEach(function (button) {
            button.removeAttribute('aria-busy');
            button.textContent = button.dataset.idleLabel;
        });
    });

    var live = document.querySelector('[data-live-url]');
    if (!live || !window.fetch) {
        return;
    }
    var interval = Math.max(1000, Number(live.dataset.liveInterval) || 2000);
    var announcer = document.getElementById('live-announcer');
    var updated = document.getElementById('live-updated');
    var balances = {};
    var stopped = false;
    var lastHtml = new WeakMap();

    document.querySelectorAll('[data-balance-for]').forEach(function (element) {
        balances[element.dataset.balanceFor] = element.textContent.trim();
    });

    function announce(text) {
        if (announcer) {
            // Clearing first makes screen readers repeat an identical message.
            announcer.textContent = '';
            window.setTimeout(function () { announcer.textContent = text; }, 50);
        }
    }

    function stop(reason) {
        stopped = true;
        if (updated) {
            updated.textContent = reason;
        }
    }

    function get(url, accept) {
        return fetch(url, {
            headers: { 'Accept': accept, 'X-Requested-With': 'fetch' },
            credentials: 'same-origin',
            cache: 'no-store',
            redirect: 'manual'
        }).then(function (response) {
            if (response.type === 'opaqueredirect' || response.status === 401 || response.status === 403) {
                throw new Error('signed-out');
            }
            if (!response.ok) {
                throw new Error('status ' + response.status);
            }
            return accept === 'application/json' ? response.json() : response.text();
        });
    }

    function applyBalances(data) {
        var changes = [];
        (data.accounts || []).forEach(function (account) {
            var before = balances[account.id];
            balances[account.id] = account.balanceText;
            document.querySelectorAll('[data-balance-for="' + account.id + '"]').forEach(function (element) {
                if (element.textContent.trim() !== account.balanceText) {
                    element.textContent = account.balanceText;
                    element.classList.remove('changed');
                    void element.offsetWidth; // restart the highlight
                    element.classList.add('changed');
                }
            });
            if (before !== undefined && before !== account.balanceText) {
                changes.push(account.label + ' is now ' + account.balanceText);
            }
        });
        if (changes.length) {
            announce('Balance updated: ' + changes.join('; ') + '.');
        }
        if (updated && data.updatedAt) {
            updated.textContent = 'Updated ' + data.updatedAt;
        }
    }

    function refreshRegions() {
        var regions = document.querySelectorAll('[data-refresh-url]');
        return Promise.all(Array.prototype.map.call(regions, function (region) {
            return get(region.dataset.refreshUrl, 'text/html').then(function (html) {
                // Never pull content out from under the keyboard focus; try again next time.
                if (region.contains(document.activeElement) && document.activeElement !== document.body) {
                    return;
                }
                if (lastHtml.get(region) !== html) {
                    lastHtml.set(region, html);
                    var open = Array.prototype.map.call(region.querySelectorAll('details[open][id]'),
                        function (details) { return details.id; });
                    region.innerHTML = html;
                    open.forEach(function (id) {
                        var details = document.getElementById(id);
                        if (details) {
                            details.open = true;
                        }
                    });
                }
            });
        }));
    }

    function poll() {
        if (stopped) {
            return;
        }
        if (document.hidden) {
            window.setTimeout(poll, interval);
            return;
        }
        get(live.dataset.liveUrl, 'application/json')
            .then(applyBalances)
            .then(refreshRegions)
            .catch(function (error) {
                if (error.message === 'signed-out') {
                    stop('Live updates stopped: you are signed out. Reload the page to sign in again.');
                } else if (updated) {
                    updated.textContent = 'Live updates paused: the dashboard could not reach the bank. Retrying…';
                }
            })
            .then(function () {
                if (!stopped) {
                    window.setTimeout(poll, interval);
                }
            });
    }

    window.setTimeout(poll, interval);
}());
