// The editor's entry points: "Create SLO" on the overview, "Edit" and "Delete" on the detail page. Shown only to users
// who may write the settings, and never for provisioned settings (docs/semantics.md section 7). Delete asks first
// (ConfirmModal) and goes through the settings repository. Deleting the SLO's Grafana-managed alert rules too goes to
// the overview; otherwise the page stays to say that the rules are still there (they keep evaluating in Grafana).
import React, { useEffect, useState } from 'react';

import { locationService } from '@grafana/runtime';
import { Alert, Checkbox, ConfirmModal, LinkButton, Button, Stack } from '@grafana/ui';

import { PLUGIN_BASE_URL, ROUTES, sloEditUrl, sloNewUrl } from '../../../constants';
import {
  grafanaSloRepository,
  type SloSettingsRepository,
  type SloSettingsSnapshot,
} from '../../../infrastructure/settings';
import { sloRuleUidPrefix } from '../../../rules/grafanaRules';
import { pageTestIds } from '../../../shared/testIds';
import { readOnlyReason, saveProblemOf } from '../domain/saveProblem';

const ids = pageTestIds.editorLinks;
const OVERVIEW_URL = `${PLUGIN_BASE_URL}/${ROUTES.Overview}`;

/** Follows an app link inside the single-page app (the page's state and Grafana's chrome stay). */
const inApp = (url: string) => (e: React.MouseEvent) => {
  if (!e.metaKey && !e.ctrlKey && !e.shiftKey) {
    e.preventDefault();
    locationService.push(url);
  }
};

/** The overview's "Create SLO" button; nothing for viewers or provisioned settings. */
export function CreateSloButton({ canWrite, provisioned }: { canWrite: boolean; provisioned: boolean }) {
  if (!canWrite || provisioned) {
    return null;
  }
  return (
    <LinkButton icon="plus" href={sloNewUrl()} onClick={inApp(sloNewUrl())} data-testid={ids.create}>
      Create SLO
    </LinkButton>
  );
}

/**
 * The hook for "also delete its Grafana alert rules" (built elsewhere; the lead wires it): when given, the delete
 * confirmation offers it as a checkbox, checked, and runs it after the SLO is gone from the settings.
 */
export interface DeleteAlertRulesHook {
  /** The checkbox's label, e.g. "Also delete its Grafana alert rules". */
  label: string;
  run: (sloId: string) => Promise<void>;
}

export interface SloEditActionsProps {
  sloId: string;
  alsoDeleteAlertRules?: DeleteAlertRulesHook;
  repository?: () => SloSettingsRepository;
}

/** The detail page's "Edit" and "Delete SLO": loads the settings to know whether the user may change them. */
export function SloEditActions({
  sloId,
  alsoDeleteAlertRules,
  repository = grafanaSloRepository,
}: SloEditActionsProps) {
  const [snapshot, setSnapshot] = useState<SloSettingsSnapshot>();
  const [confirming, setConfirming] = useState(false);
  const [withRules, setWithRules] = useState(true);
  const [problem, setProblem] = useState<string>();
  const [deleted, setDeleted] = useState(false);
  useEffect(() => {
    let live = true;
    repository()
      .load()
      .then((s) => live && setSnapshot(s))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [repository]);
  if (deleted) {
    return <DeletedNotice sloId={sloId} rulesOffered={alsoDeleteAlertRules !== undefined} />;
  }
  // Read-only or not known yet (or not in the settings as a valid SLO): no control at all.
  if (!snapshot || readOnlyReason(snapshot) || !snapshot.slos.some((s) => s.id === sloId)) {
    return null;
  }
  const remove = async () => {
    setConfirming(false);
    try {
      await repository().deleteSlo(snapshot, sloId);
    } catch (e) {
      setProblem(saveProblemOf(e).message);
      return;
    }
    if (!alsoDeleteAlertRules || !withRules) {
      setDeleted(true);
      return;
    }
    await alsoDeleteAlertRules.run(sloId).catch((e) => setProblem(`The SLO is deleted, its alert rules are not: ${e}`));
    locationService.push(OVERVIEW_URL);
  };
  return (
    <Stack direction="column" gap={1}>
      <Stack gap={1}>
        <LinkButton
          icon="pen"
          variant="secondary"
          href={sloEditUrl(sloId)}
          onClick={inApp(sloEditUrl(sloId))}
          data-testid={ids.edit}
        >
          Edit
        </LinkButton>
        <Button
          icon="trash-alt"
          variant="destructive"
          fill="outline"
          onClick={() => setConfirming(true)}
          data-testid={ids.delete}
        >
          Delete SLO
        </Button>
      </Stack>
      {problem && (
        <Alert severity="error" title="The SLO was not deleted">
          {problem}
        </Alert>
      )}
      <ConfirmModal
        isOpen={confirming}
        title={`Delete SLO ${sloId}?`}
        body={`The SLO "${sloId}" is removed from the app's settings. Its data in Prometheus stays.`}
        description={
          alsoDeleteAlertRules ? (
            <Checkbox
              label={alsoDeleteAlertRules.label}
              value={withRules}
              onChange={(e) => setWithRules(e.currentTarget.checked)}
            />
          ) : undefined
        }
        confirmText="Delete"
        onConfirm={remove}
        onDismiss={() => setConfirming(false)}
      />
    </Stack>
  );
}

/** What is left after a delete that did not delete the SLO's Grafana-managed alert rules. */
function DeletedNotice({ sloId, rulesOffered }: { sloId: string; rulesOffered: boolean }) {
  return (
    <Alert severity="warning" title={`SLO "${sloId}" is deleted`} data-testid={ids.deleted} data-rules-kept="true">
      <p>
        {rulesOffered
          ? 'Its Grafana-managed alert rules were kept: they stay in Grafana and keep evaluating. '
          : 'Its Grafana-managed alert rules, if any, were not deleted (that needs the alert.provisioning:write permission): they stay in Grafana and keep evaluating. '}
        They carry the label slo={sloId} and their UIDs start with {sloRuleUidPrefix(sloId)}: delete them in
        Grafana&apos;s alert rules page if they are no longer wanted.
      </p>
      <LinkButton variant="secondary" href={OVERVIEW_URL} onClick={inApp(OVERVIEW_URL)}>
        Back to the overview
      </LinkButton>
    </Alert>
  );
}
