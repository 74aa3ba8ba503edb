import type { ActionItemRule } from './types';
import { CAPACITY_OBJECTS } from './wordLists';

/** Rules of the `mitigation` class: easing the impact now. @internal */
export const MITIGATION_RULES: ReadonlyArray<ActionItemRule> = [
  {
    id: 'restart',
    class: 'mitigation',
    kind: 'action',
    weight: 3,
    phrase:
      '(?:re-?start|reboot|bounce|recycle|power[\\s-]?cycle|re-?spin)(?:s|ed|ing)?',
  },
  {
    id: 'fail over',
    class: 'mitigation',
    kind: 'action',
    weight: 3,
    phrase: 'fail(?:s|ed|ing)?[\\s-]?over',
  },
  {
    id: 'scale',
    class: 'mitigation',
    kind: 'action',
    weight: 2,
    phrase: '(?<!\\bat\\s)scal(?:e|es|ed|ing)(?:\\s+(?:up|out))?',
  },
  {
    id: 'add capacity',
    class: 'mitigation',
    kind: 'action',
    weight: 3,
    verb: 'increas(?:e|es|ed|ing)|rais(?:e|es|ed|ing)|bump(?:s|ed|ing)?|doubl(?:e|es|ed|ing)|tripl(?:e|es|ed|ing)|grow(?:s|n|ing)?|expand(?:s|ed|ing)?|provision(?:s|ed|ing)?|allocat\\w*|spin(?:s|ning)?\\s+up|spun\\s+up|launch(?:es|ed|ing)?|scal(?:e|es|ed|ing)(?:\\s+(?:up|out))?|add(?:s|ed|ing)?\\s+(?:\\d+|more|extra|additional|another|a\\s+few|several|two|three|four|five|ten)',
    object: CAPACITY_OBJECTS,
  },
  {
    id: 'shift traffic',
    class: 'mitigation',
    kind: 'action',
    weight: 3,
    verb: 'drain(?:s|ed|ing)?|shed(?:s|ding)?|shift(?:s|ed|ing)?|(?:re-?)?rout(?:e|es|ed|ing)|redirect(?:s|ed|ing)?|divert(?:s|ed|ing)?|mov(?:e|es|ed|ing)|steer(?:s|ed|ing)?|send|point',
    object: 'traffic|requests|users|load|dns|queries',
    maxGap: 4,
  },
  {
    id: 'drain / evacuate',
    class: 'mitigation',
    kind: 'action',
    weight: 2,
    phrase:
      'drain(?:s|ed|ing)?|evacuat(?:e|es|ed|ing)|re-?schedul(?:e|es|ed|ing)',
  },
  {
    id: 'shed load',
    class: 'mitigation',
    kind: 'cue',
    weight: 2,
    phrase: 'shed(?:s|ding)?\\s+(?:\\w+\\s+)?load|load[\\s-]?shed\\w*',
  },
  {
    id: 'flush / clean up',
    class: 'mitigation',
    kind: 'action',
    weight: 3,
    verb: 'flush\\w*|clear(?:s|ed|ing)?|purg(?:e|es|ed|ing)|evict(?:s|ed|ing)?|invalidat(?:e|es|ed|ing)|wip(?:e|es|ed|ing)|drop(?:s|ped|ping)?|delet(?:e|es|ed|ing)|truncat(?:e|es|ed|ing)|prun(?:e|es|ed|ing)|clean(?:s|ed|ing)?(?:\\s+up)?|rotat(?:e|es|ed|ing)|compact(?:s|ed|ing)?|vacuum\\w*|renew(?:s|ed|ing)?|replac(?:e|es|ed|ing)',
    object:
      'caches?|cached|queues?|dlq|entries|keys?|backlog|sessions?|locks?|logs?|files?|snapshots?|disks?|space|tmp|ind(?:ex|exes|ices)|tables?|certs?|certificates?|credentials?|secrets?|tokens?|volumes?',
    maxGap: 4,
  },
  {
    id: 'free up',
    class: 'mitigation',
    kind: 'action',
    weight: 3,
    phrase: 'free(?:s|d|ing)?\\s+up',
  },
  {
    id: 'kill / stop / disable',
    class: 'mitigation',
    kind: 'action',
    weight: 2,
    phrase:
      'kill(?:s|ed|ing)?|terminat(?:e|es|ed|ing)|stop(?:s|ped|ping)?|paus(?:e|es|ed|ing)|suspend(?:s|ed|ing)?|halt(?:s|ed|ing)?|disabl(?:e|es|ed|ing)|turn(?:s|ed|ing)?\\s+off|shut(?:s|ting)?\\s+(?:down|off)|throttl(?:e|es|ed|ing)|cordon(?:s|ed|ing)?|quarantin(?:e|es|ed|ing)|isolat(?:e|es|ed|ing)',
  },
  {
    id: 'block abusive traffic',
    class: 'mitigation',
    kind: 'action',
    weight: 3,
    verb: 'block(?:s|ed|ing)?|ban(?:s|ned|ning)?|deny|denylist\\w*|blacklist\\w*|blocklist\\w*|null-?rout\\w*',
    object:
      'ips?|ip\\s+ranges?|ranges?|addresses|cidrs?|asns?|tenants?|users?|clients?|bots?|crawlers?|scrapers?|requests|traffic|abusers?|attackers?|countr(?:y|ies)|user[\\s-]agents?|accounts?',
    maxGap: 4,
  },
  {
    id: 'move workload',
    class: 'mitigation',
    kind: 'action',
    weight: 2,
    verb: 'mov(?:e|es|ed|ing)|migrat(?:e|es|ed|ing)|isolat(?:e|es|ed|ing)|re-?shard\\w*|rebalanc(?:e|es|ed|ing)|pin(?:s|ned|ning)?',
    object:
      'tenants?|customers?|workloads?|shards?|partitions?|leaders?|primar(?:y|ies)|jobs?',
    maxGap: 4,
  },
  {
    id: 'replay / backfill',
    class: 'mitigation',
    kind: 'action',
    weight: 2,
    phrase:
      'replay(?:s|ed|ing)?|backfill(?:s|ed|ing)?|re-?run(?:s|ning)?|re-?process(?:es|ed|ing)?|re-?drive|re-?queue(?:s|d)?|re-?send',
  },
  {
    id: 'temporarily',
    class: 'mitigation',
    kind: 'cue',
    weight: 2,
    phrase:
      'temporar(?:y|ily)|for\\s+now|stop-?gap|work-?arounds?|band-?aids?|short[\\s-]term|interim|quick\\s+fix|while\\s+(?:[^\\s;:!?,]+\\s+){0,3}?(?:is|are)\\s+(?:degraded|down|unhealthy|recovering|broken)|until\\s+(?:[^\\s;:!?,]+\\s+){0,3}?(?:recover\\w*|stabili[sz]\\w*|is\\s+fixed|lands|ships|monday|tomorrow|further\\s+notice)',
  },
  {
    id: 'manually',
    class: 'mitigation',
    kind: 'cue',
    weight: 1,
    phrase: 'manual(?:ly)?|by\\s+hand',
  },
  {
    id: 'monitor / watch',
    class: 'mitigation',
    kind: 'cue',
    weight: 1,
    phrase:
      '(?:monitor|watch|observe|babysit)(?:s|ed)?|keep\\s+an\\s+eye\\s+on',
  },
];
